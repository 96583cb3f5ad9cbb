// A unique address per type: the checked downcast of the type-erased holders
// (Erased, the simulator's NodeHost) compares two pointers instead of calling
// the runtime's dynamic_cast, which walks the class hierarchy on every call;
// the dashboard reads typed state hundreds of times a frame. The core links
// statically everywhere, so each type has one tag.
#pragma once

namespace quorum {

template <typename T>
struct TypeTag {
    static constexpr char id = 0;
};

template <typename T>
constexpr const void* type_tag() {
    return &TypeTag<T>::id;
}

}  // namespace quorum
